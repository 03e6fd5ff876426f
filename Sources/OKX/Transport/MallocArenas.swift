internal import CCurl

/// glibc's malloc arenas, capped for a process that polls many accounts.
///
/// glibc gives each thread that allocates while another does an arena of its own (up to 8 per core), and what one
/// arena frees the others never reuse: a poll of a thousand accounts answered on the curl thread, parsed on the pool's
/// threads, then turned into a report or a frame on yet another, kept each one's peak resident (about 10 MB more for
/// `status` of 1,001 accounts). Two arenas keep the curl thread and the pool from waiting on one lock.
package enum MallocArenas {
    /// Caps the arenas at `count`; call once, early. Does nothing where the C library has no such setting.
    package static func limit(_ count: Int) {
        _ = anchor_limit_malloc_arenas(Int32(count))
    }

    /// Gives the free pages of every arena back to the system. After a burst (the first poll of a thousand accounts
    /// reads them all at once), glibc keeps the freed memory of its replies resident until told. Does nothing where
    /// the C library has no such call.
    package static func trim() {
        _ = anchor_malloc_trim()
    }
}
