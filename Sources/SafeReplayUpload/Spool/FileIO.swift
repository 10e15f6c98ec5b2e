#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
package import SafeReplayModel

/// The few POSIX file operations the spool needs, with the durability steps spelled out
/// (Foundation's file APIs do not fsync) and every failure as a `SafeReplayError`.
package enum FileIO {
    static func error(_ what: String, _ path: String, errno code: Int32 = errno) -> SafeReplayError {
        SafeReplayError(.io, what, context: ["path": path, "errno": String(cString: strerror(code))])
    }

    /// Creates `path` (and missing parents) as directories.
    static func makeDirectory(_ path: String) throws(SafeReplayError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw error("cannot create directory", prefix)
            }
            prefix += "/"
        }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw SafeReplayError(.io, "not a directory", context: ["path": path])
        }
    }

    /// Names in `path` (not `.` and `..`), sorted.
    package static func list(_ path: String) throws(SafeReplayError) -> [String] {
        guard let dir = opendir(path) else { throw error("cannot list directory", path) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// `path` opened for reading, and its size; an error unless it is a regular file of at
    /// most `limit` bytes. The caller closes the descriptor.
    private static func openRegularFile(_ path: String, limit: Int) throws(SafeReplayError) -> (fd: Int32, size: Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw error("cannot open file", path) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let failure = error("cannot stat file", path)
            close(fd)
            throw failure
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw SafeReplayError(.io, "not a regular file", context: ["path": path])
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            close(fd)
            throw SafeReplayError(.limit, "file is larger than allowed", context: ["path": path, "bytes": String(size), "limit": String(limit)])
        }
        return (fd, size)
    }

    /// `count` bytes of the open file `fd` from `offset`, fewer if it shrank while read.
    private static func read(_ fd: Int32, _ path: String, count: Int, at offset: Int) throws(SafeReplayError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { raw in pread(fd, raw.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw error("cannot read file", path) }
            if n == 0 { break }  // shrank while we read: keep what is there
            done += n
        }
        if done < count { bytes.removeLast(count - done) }
        return bytes
    }

    /// Reads a whole regular file, refusing ones larger than `limit`.
    package static func read(_ path: String, limit: Int) throws(SafeReplayError) -> [UInt8] {
        let (fd, size) = try openRegularFile(path, limit: limit)
        defer { close(fd) }
        return try read(fd, path, count: size, at: 0)
    }

    /// The first `head` and last `tail` bytes of a regular file of at most `limit` bytes, and
    /// its size (the two overlap in a file shorter than both): what a framing check reads
    /// without the body.
    static func readEnds(_ path: String, head: Int, tail: Int, limit: Int) throws(SafeReplayError) -> (head: [UInt8], tail: [UInt8], size: Int) {
        let (fd, size) = try openRegularFile(path, limit: limit)
        defer { close(fd) }
        let headCount = min(head, size), tailCount = min(tail, size)
        return (try read(fd, path, count: headCount, at: 0), try read(fd, path, count: tailCount, at: size - tailCount), size)
    }

    /// Writes `bytes` to `path` so that after a crash at any moment the file is either
    /// absent or complete: write to `path.tmp`, fsync it, rename over `path`, fsync the
    /// directory so the rename itself is durable.
    static func writeDurably(_ bytes: [UInt8], to path: String, directory: String) throws(SafeReplayError) {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw error("cannot create file", temporary) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress! + written, bytes.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let failure = error("cannot write file", temporary)
                close(fd)
                unlink(temporary)
                throw failure
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            let failure = error("cannot fsync file", temporary)
            close(fd)
            unlink(temporary)
            throw failure
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let failure = error("cannot rename file", temporary)
            unlink(temporary)
            throw failure
        }
        try syncDirectory(directory)
    }

    static func syncDirectory(_ path: String) throws(SafeReplayError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw error("cannot open directory", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw error("cannot fsync directory", path) }
    }

    /// Removes a file; one already gone is not an error (another step got there first).
    static func remove(_ path: String) throws(SafeReplayError) {
        if unlink(path) != 0 && errno != ENOENT { throw error("cannot delete file", path) }
    }

    static func move(_ from: String, to: String) throws(SafeReplayError) {
        guard rename(from, to) == 0 else { throw error("cannot move file", from) }
    }

    /// Deletes `path` and everything below it (`rm -rf`), for tests and benchmarks that
    /// make throwaway spools. Errors are ignored: it is cleanup.
    package static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in (try? list(path)) ?? [] { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Size in bytes and modification time (ms since the epoch), or `nil` if absent.
    static func attributes(_ path: String) -> (size: Int, modified: Int64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (Int(info.st_size), Int64(info.st_mtim.tv_sec) * 1000 + Int64(info.st_mtim.tv_nsec) / 1_000_000)
    }

    /// Takes an exclusive advisory lock on `path`, so two processes never drive one spool.
    /// The lock lives as long as the returned descriptor (and dies with the process).
    static func lockExclusively(_ path: String) throws(SafeReplayError) -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw error("cannot open lock file", path) }
        // A lock that was just released can still look held for a moment: a child process
        // forked elsewhere in the host keeps the open file until it execs. Wait briefly
        // (up to ~250 ms) before calling the spool busy.
        var attempts = 0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK && attempts < 25 {
                attempts += 1
                usleep(10_000)
                continue
            }
            close(fd)
            if code == EWOULDBLOCK {
                throw SafeReplayError(.state, "the spool is in use by another uploader", context: ["path": path])
            }
            throw error("cannot lock spool", path, errno: code)
        }
        return fd
    }
}

