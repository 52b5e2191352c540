#include <tree_sitter/tree-sitter-hcl.h>
