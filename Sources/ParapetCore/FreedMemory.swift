#if canImport(Glibc)
import CMalloc
#endif

/// Gives memory freed in bulk back to the system.
///
/// glibc keeps freed chunks in its free lists, resident: after the syntax trees of a scan are
/// released, their pages would stay in the process until the end, under everything allocated
/// after them. Trimming returns the whole free pages, so the scan's peak is what is live, not
/// what was live once. A no-op where the C library has no `malloc_trim`.
public enum FreedMemory {
    public static func returnToSystem() {
        #if canImport(Glibc)
        _ = malloc_trim(0)
        #endif
    }
}
