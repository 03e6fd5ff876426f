package import AnchorStore

/// `AnchorStore.PositionKey` under a name that does not clash with the paper exchange's own `PositionKey` in files
/// that import both (the module and its main class share the name `AnchorStore`, so it cannot be qualified).
package typealias StoreKey = PositionKey
