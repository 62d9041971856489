/// A scope expression as the specs' `security` sections write them: `a | b` (any one suffices) or `a & b` (all).
public indirect enum ScopeRequirement: Sendable, Equatable {
    case scope(String)
    case anyOf([String])
    case allOf([String])
    /// Operations open to every authenticated client.
    case none

    /// True when `granted` satisfies the requirement.
    public func isSatisfied(by granted: Set<String>) -> Bool {
        switch self {
        case .scope(let scope): granted.contains(scope)
        case .anyOf(let scopes): scopes.contains(where: granted.contains)
        case .allOf(let scopes): scopes.allSatisfy(granted.contains)
        case .none: true
        }
    }
}
