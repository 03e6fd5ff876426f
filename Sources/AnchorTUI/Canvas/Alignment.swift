/// Where text sits in a field wider than itself.
public enum Alignment: Sendable, Hashable {
    case left
    case right
    case center
}

/// What happens to text wider than its field.
public enum Overflow: Sendable, Hashable {
    /// Cut it and end with an ellipsis, so the reader knows something is missing.
    case ellipsis
    /// Cut it without a mark.
    case clip
}
