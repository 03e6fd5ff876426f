import AnchorStore

/// `AnchorStore.PositionKey` under a name that does not clash with the paper exchange's own `PositionKey` (the
/// module and its main class share the name `AnchorStore`, so it cannot be qualified in files importing both).
typealias StoreKey = PositionKey
