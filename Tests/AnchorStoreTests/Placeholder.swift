// AnchorStoreTests
