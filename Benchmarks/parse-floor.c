/*
 * The parse floor: the least any scanner built on tree-sitter-hcl and libyaml must do. On one
 * core, it reads every HCL file (.tf, .tfvars) under a directory, parses it and visits every node,
 * and reads every YAML file (.yaml, .yml) as libyaml events. `make bench` holds Parapet's full scan
 * against it: a ratio of 1.0 means the whole scan, with every rule, costs what parsing alone does.
 *
 * Usage: parse-floor DIR [REPEATS]. Prints the best time of REPEATS (default 3) runs.
 */
#define _GNU_SOURCE
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <tree_sitter/api.h>
#include <yaml.h>

const TSLanguage *tree_sitter_hcl(void);

static TSParser *hcl;
static long files, bytes, nodes, events;

static int ends_with(const char *text, const char *suffix) {
    size_t a = strlen(text), b = strlen(suffix);
    return a >= b && strcmp(text + a - b, suffix) == 0;
}

static char *slurp(const char *path, long *length) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *data = malloc(size > 0 ? (size_t)size : 1);
    if (data && size > 0 && fread(data, 1, (size_t)size, file) != (size_t)size) { free(data); data = NULL; }
    fclose(file);
    *length = size;
    return data;
}

static void parse_hcl(const char *data, long length) {
    TSTree *tree = ts_parser_parse_string(hcl, NULL, data, (uint32_t)length);
    TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
    for (;;) {
        nodes++;
        if (ts_tree_cursor_goto_first_child(&cursor)) continue;
        while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
            if (!ts_tree_cursor_goto_parent(&cursor)) goto done;
        }
    }
done:
    ts_tree_cursor_delete(&cursor);
    ts_tree_delete(tree);
}

static void parse_yaml(const char *data, long length) {
    yaml_parser_t parser;
    yaml_event_t event;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, (size_t)length);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) break;
        events++;
        int end = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (end) break;
    }
    yaml_parser_delete(&parser);
}

static int visit(const char *path, const struct stat *info, int type, struct FTW *where) {
    (void)info;
    const char *name = path + where->base;
    /* The folders Parapet's discovery skips. */
    static const char *skipped[] = {".git", ".hg", ".svn", ".terraform", "node_modules", ".build", ".venv", "__pycache__"};
    if (type == FTW_D && where->level > 0) {
        for (size_t i = 0; i < sizeof skipped / sizeof *skipped; i++) {
            if (strcmp(name, skipped[i]) == 0) return FTW_SKIP_SUBTREE;
        }
    }
    if (type != FTW_F) return FTW_CONTINUE;
    int is_hcl = ends_with(name, ".tf") || ends_with(name, ".tfvars");
    int is_yaml = ends_with(name, ".yaml") || ends_with(name, ".yml");
    if (!is_hcl && !is_yaml) return FTW_CONTINUE;
    long length = 0;
    char *data = slurp(path, &length);
    if (!data) return FTW_CONTINUE;
    files++;
    bytes += length;
    if (is_hcl) parse_hcl(data, length); else parse_yaml(data, length);
    free(data);
    return FTW_CONTINUE;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: parse-floor DIR [REPEATS]\n");
        return 2;
    }
    int repeats = argc > 2 ? atoi(argv[2]) : 3;
    hcl = ts_parser_new();
    if (!ts_parser_set_language(hcl, tree_sitter_hcl())) {
        fprintf(stderr, "parse-floor: the HCL grammar does not match this tree-sitter\n");
        return 2;
    }
    double best = -1;
    for (int run = 0; run < (repeats > 0 ? repeats : 1); run++) {
        files = bytes = nodes = events = 0;
        struct timespec start, end;
        clock_gettime(CLOCK_MONOTONIC, &start);
        if (nftw(argv[1], visit, 32, FTW_PHYS | FTW_ACTIONRETVAL) != 0) {
            fprintf(stderr, "parse-floor: cannot walk %s\n", argv[1]);
            return 2;
        }
        clock_gettime(CLOCK_MONOTONIC, &end);
        double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
        if (best < 0 || seconds < best) best = seconds;
    }
    printf("floor %6ld files %8.2f MB %8.3f s  (C, 1 core: tree-sitter-hcl %ld nodes, libyaml %ld events)\n",
           files, (double)bytes / 1e6, best, nodes, events);
    ts_parser_delete(hcl);
    return 0;
}
