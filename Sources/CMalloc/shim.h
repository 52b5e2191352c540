// glibc's allocator controls (malloc_trim); empty where the C library has none.
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif
