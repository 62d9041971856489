import ContentStore
import Domain
import EventStore
import Foundation
import ZGWHTTP

/// drc-009/010 and the bestandsdelen upload: lock, unlock (merging the parts), and receiving one part.
extension DocumentCommands {
    /// `POST …/lock`: a new lock id; 400 `existing-lock` when the document is locked already.
    public func lock(_ uuid: UUID, authorisation: TypeAuthorisation, metadata: EventMetadata) async throws -> String? {
        let lock = Self.newLock()
        do {
            try await repository.write(uuid, metadata: metadata) { aggregate, _ in
                guard let current = aggregate.current else { throw DocumentNotFound() }
                try authorisation.require(.scope("documenten.lock"), type: current.string("informatieobjecttype"), vertrouwelijkheid: current.string("vertrouwelijkheidaanduiding"))
                if aggregate.isLocked {
                    throw ValidationErrors([FieldError(name: "nonFieldErrors", code: "existing-lock", reason: "Het document is al gelockt.")])
                }
                return [DocumentChange(type: DocumentResource.locked, event: DocumentEvent(uuid: uuid, state: nil, lock: lock, notificatie: nil))]
            }
        } catch is DocumentNotFound {
            return nil
        }
        return lock
    }

    /// `POST …/unlock`: with the lock id, or without it for a client with `documenten.geforceerd-unlock`.
    /// A finished bestandsdelen upload is merged into the version's bytes; an unfinished one is refused
    /// (`incomplete-upload`), or dropped by a forced unlock. False when there is no such document.
    public func unlock(_ uuid: UUID, lock given: String, authorisation: TypeAuthorisation, metadata: EventMetadata) async throws -> Bool {
        let before = try await repository.load(uuid)
        guard let current = before.current else { return false }
        let type = current.string("informatieobjecttype"), vertrouwelijkheid = current.string("vertrouwelijkheidaanduiding")
        try authorisation.require(.anyOf(["documenten.lock", "documenten.geforceerd-unlock"]), type: type, vertrouwelijkheid: vertrouwelijkheid)
        // Forced: the lock id does not match (or is missing) and the client may unlock anyway.
        let mayForce = authorisation.allows(.scope("documenten.geforceerd-unlock"), type: type, vertrouwelijkheid: vertrouwelijkheid)
        // The merge streams every part into new content before the transaction opens; the write checks that
        // the parts did not change meanwhile.
        var merged: StoredContent?
        if !before.parts.isEmpty, before.uploadComplete, mayForce || given == before.lock {
            let parts = before.parts.compactMap { before.uploaded[$0.uuid] }
            if parts.count == 1 {
                // One part is the whole file already (every document under the part size): no copy.
                merged = parts[0]
            } else {
                merged = try await contents.concatenate(parts)
            }
        }
        let content = merged
        do {
            try await repository.write(uuid, metadata: metadata) { aggregate, _ in
                guard aggregate.exists else { throw DocumentNotFound() }
                let forced = (aggregate.lock ?? "") != given
                if forced, !mayForce {
                    throw ValidationErrors([FieldError(name: "nonFieldErrors", code: "incorrect-lock-id", reason: "Incorrect lock ID.")])
                }
                if !aggregate.parts.isEmpty, !forced || aggregate.uploadComplete {
                    guard aggregate.uploadComplete else {
                        throw ValidationErrors([FieldError(name: "nonFieldErrors", code: "incomplete-upload", reason: "Niet alle bestandsdelen zijn geüpload.")])
                    }
                    guard content != nil, aggregate.uploaded == before.uploaded else { throw EventStoreError(code: .wrongExpectedVersion, detail: "The bestandsdelen changed during the merge.") }
                }
                guard aggregate.isLocked || content != nil else { return [] }
                return [DocumentChange(type: DocumentResource.unlocked, event: DocumentEvent(uuid: uuid, state: nil, content: content, notificatie: nil))]
            }
        } catch is DocumentNotFound {
            return false
        } catch {
            if let merged { await removeUnused([merged]) }
            throw error
        }
        // The parts are in the merged bytes now.
        await removeUnused(Array(before.uploaded.values))
        return true
    }

    /// `PUT /bestandsdelen/{uuid}`: the bytes of one part, exactly `omvang` of them, with the document's lock.
    /// Returns the part's document and the part, or nil when there is no such part.
    public func upload(
        part uuid: UUID, lock given: String, content: StoredContent, authorisation: TypeAuthorisation, metadata: EventMetadata
    ) async throws -> PlannedPart? {
        guard let document = try await repository.owner(of: uuid, kind: .bestandsdeel) else {
            await removeUnused([content])
            return nil
        }
        do {
            let before = try await repository.write(document, metadata: metadata) { aggregate, _ in
                guard let current = aggregate.current, let part = aggregate.parts.first(where: { $0.uuid == uuid }) else { throw DocumentNotFound() }
                try authorisation.require(.scope("documenten.bijwerken"), type: current.string("informatieobjecttype"), vertrouwelijkheid: current.string("vertrouwelijkheidaanduiding"))
                if let refusal = DocumentLockRule.uploadRefusal(given: given, current: aggregate.lock, size: Int64(content.size), expected: Int64(part.omvang)) {
                    throw ValidationErrors([refusal])
                }
                return [DocumentChange(type: DocumentResource.uploaded, event: DocumentEvent(uuid: uuid, state: nil, content: content, notificatie: nil))]
            }
            return before.parts.first { $0.uuid == uuid }
        } catch is DocumentNotFound {
            await removeUnused([content])
            return nil
        } catch {
            await removeUnused([content])
            throw error
        }
    }
}
