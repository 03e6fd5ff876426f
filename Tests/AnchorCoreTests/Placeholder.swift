// AnchorCoreTests
