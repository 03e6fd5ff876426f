// AnchorCore
