#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with seeds from the shipped files. The corpus
# folders are not committed; run this once before the first `cargo fuzz run`.
# Existing files are kept, so re-running only adds.
set -euo pipefail
cd "$(dirname "$0")/.."
c=fuzz/corpus
mkdir -p "$c"/{questionnaire_load,show_if_expr,corpus_parse,session_read,session_list,search_query,session_decrypt}

cp questionnaires/*.toml "$c/questionnaire_load/"

# show_if_expr takes (u16 base, str): two zero bytes, then the expression.
n=0
grep -ho "show_if = \('[^']*'\|\"[^\"]*\"\)" questionnaires/*.toml | sort -u |
  while IFS= read -r line; do
    expr=${line#show_if = }
    expr=${expr:1:${#expr}-2}
    { printf '\0\0'; printf '%s' "$expr"; } >"$c/show_if_expr/e$n"
    n=$((n + 1))
  done

# corpus_parse: the first byte picks the document whose document.toml is
# used (0, 1: the report; 2: letter; 3: press release; 4: article; 5: the
# rest is a document.toml). The 270 KB report goes in as 160-line slices.
report=corpus/ambtsbericht-rf-2025/text.txt
lines=$(wc -l <"$report")
k=0
for ((s = 1; s <= lines; s += 120)); do
  { printf '\0'; sed -n "${s},$((s + 159))p" "$report"; } >"$c/corpus_parse/report$(printf %03d $k)"
  k=$((k + 1))
done
{ printf '\2'; cat corpus/brief-moratorium-2022/text.txt; } >"$c/corpus_parse/letter"
{ printf '\3'; cat corpus/persbericht-kuzmin-2026-en/text.txt; } >"$c/corpus_parse/press-en"
{ printf '\3'; cat corpus/persbericht-kuzmin-2026-nl/text.txt; } >"$c/corpus_parse/press-nl"
{ printf '\4'; cat corpus/artikel-moechametov-2025/text.txt; } >"$c/corpus_parse/article"
for d in corpus/*/document.toml; do
  id=$(basename "$(dirname "$d")")
  { printf '\5'; cat "$d"; } >"$c/corpus_parse/meta-$id"
done

cp tests/fixtures/sessions/* "$c/session_read/"
cp fuzz/seeds/session-v1.toml "$c/session_read/"

# session_list: files separated by a 0xFF byte; one folder with every
# fixture, one with the seed twice (a duplicate id), one with each alone.
s=fuzz/seeds/session-v1.toml
{ for f in tests/fixtures/sessions/* "$s"; do cat "$f"; printf '\377'; done; } >"$c/session_list/all"
{ cat "$s"; printf '\377'; sed 's/^case_ref = .*/case_ref = "TEST-COPY"/' "$s"; } >"$c/session_list/dup"
for f in tests/fixtures/sessions/* "$s"; do cp "$f" "$c/session_list/one-$(basename "$f")"; done

# session_decrypt: a mode byte (0 as a file, 1 sealed then cut, 2 sealed
# then one byte changed, 3 sealed for another key) and its argument, then
# a session file.
for f in tests/fixtures/sessions/* "$s"; do
  for m in '\0\1' '\1\200' '\2\100' '\3\0'; do
    { printf "$m"; cat "$f"; } >"$c/session_decrypt/m${m:1:1}-$(basename "$f")"
  done
done

i=0
for q in oproep "dienstplicht mobilisatie" повестка "uitreisverbod 2023" \
  "LHBTIQ+ vervolging" $'\u202emobilisatie\u202c' "Госуслуги summons" \
  "30.000 reservisten" "$(printf 'a%.0s' {1..300})" $'exit ban \e[31m' \
  'desertie OR "art. 337"' kontraktniki $'oproep \u00a0\u1930 a'; do
  printf '%s' "$q" >"$c/search_query/q$i"
  i=$((i + 1))
done
echo "seeded $(find "$c" -type f | wc -l) files under $c"
