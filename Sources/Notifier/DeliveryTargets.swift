/// Who gets a message: every abonnement with a matching kanaal and filters, and the external Notificaties API
/// when one is configured.
enum DeliveryTargets {
    static func `for`(_ message: NotificationMessage, abonnementen: [Abonnement], external: Bool) -> [DeliveryTarget] {
        var targets = abonnementen.filter { $0.matches(message) }.map { DeliveryTarget.abonnement($0.uuid) }
        if external { targets.append(.external) }
        return targets
    }
}
