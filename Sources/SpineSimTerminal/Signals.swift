import CLibEdit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Flags that signal handlers raise and the line editor reads after `el_gets` returns.
///
/// The handlers must be async-signal-safe, so they do nothing but store one integer
/// through a pointer allocated before any handler is installed: no allocation, no
/// locks, no lazy initialisation and no Swift exclusivity bookkeeping run in the handler.
enum SignalFlags {
    /// Slot indexes in ``storage``.
    static let interrupt = 0, termination = 1, suspend = 2, readerActive = 3
    private static let slotCount = 4

    /// Allocated once and never freed. `nonisolated(unsafe)` because a signal handler
    /// is outside Swift's concurrency model; every slot is a `sig_atomic_t`.
    nonisolated(unsafe) static let storage: UnsafeMutablePointer<sig_atomic_t> = {
        let pointer = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: slotCount)
        pointer.initialize(repeating: 0, count: slotCount)
        return pointer
    }()

    /// The thread blocked in `el_gets` while ``readerActive`` is set. A signal the kernel
    /// hands to another thread is forwarded to it, so that its read returns EINTR.
    nonisolated(unsafe) static let reader: UnsafeMutablePointer<pthread_t> = {
        let pointer = UnsafeMutablePointer<pthread_t>.allocate(capacity: 1)
        pointer.initialize(to: pthread_self())
        return pointer
    }()

    /// The signals that break a read.
    static let readSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGTSTP]

    /// Marks the calling thread as the reader and unblocks the read signals on it (a
    /// thread from a pool may start with them blocked). Returns the mask to restore.
    static func beginRead() -> sigset_t {
        _ = storage
        reader.pointee = pthread_self()
        storage[readerActive] = 1
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in readSignals { sigaddset(&unblock, signal) }
        var old = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &unblock, &old)
        return old
    }

    /// Ends ``beginRead()``: no more forwarding, the thread's mask as it was.
    static func endRead(_ mask: sigset_t) {
        storage[readerActive] = 0
        var old = mask
        pthread_sigmask(SIG_SETMASK, &old, nil)
    }

    /// The number of the signal last recorded in `slot`, or 0; clears the slot.
    static func take(_ slot: Int) -> Int32 {
        let value = Int32(storage[slot])
        storage[slot] = 0
        return value
    }

    /// The number of the signal recorded in `slot`, or 0, leaving it set.
    static func peek(_ slot: Int) -> Int32 { Int32(storage[slot]) }

    /// Installs the recording handler for `signal`. Without `restart`, a blocking read
    /// is interrupted (EINTR) when the signal arrives. Returns the previous disposition.
    static func install(_ signal: Int32, restart: Bool = false) -> sigaction? {
        _ = storage  // make sure the lazy globals exist before a handler can touch them
        _ = reader
        var old = sigaction()
        let result = spinesim_install_signal(signal, { number in
            let slot: Int
            switch number {
            case SIGINT: slot = SignalFlags.interrupt
            case SIGTSTP: slot = SignalFlags.suspend
            default: slot = SignalFlags.termination
            }
            SignalFlags.storage[slot] = sig_atomic_t(number)
            // Only async-signal-safe calls here: pthread_self, pthread_equal, pthread_kill.
            if SignalFlags.storage[SignalFlags.readerActive] != 0 {
                let reader = SignalFlags.reader.pointee
                if pthread_equal(pthread_self(), reader) == 0 { _ = pthread_kill(reader, number) }
            }
        }, restart ? 1 : 0, &old)
        return result == 0 ? old : nil
    }

    /// Puts back a disposition returned by ``install(_:restart:)``.
    static func restore(_ signal: Int32, _ old: sigaction) {
        var previous = old
        _ = spinesim_restore_signal(signal, &previous)
    }
}
