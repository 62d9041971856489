import Synchronization

/// Tokens whose signature and claims were checked, by token text: a client sends the same JWT with every
/// request, and parsing plus HMAC was ~13% of the server's CPU on `GET zaak`. A hit is still checked against
/// the client's *current* secret (a changed secret makes it a miss) and for expiry; autorisaties always come
/// from the registry. Bounded: when full it starts over.
final class VerifiedTokens: Sendable {
    struct Entry: Sendable {
        let clientID: String
        let userID: String
        let userRepresentation: String
        let issuedAt: Double
        /// The secret the signature was checked with.
        let secret: String
    }

    private let entries = Mutex<[String: Entry]>([:])
    let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    func entry(for token: String) -> Entry? {
        entries.withLock { $0[token] }
    }

    func remember(_ entry: Entry, for token: String) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = entry
        }
    }
}
