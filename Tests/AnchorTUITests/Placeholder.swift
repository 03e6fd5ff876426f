// AnchorTUITests
