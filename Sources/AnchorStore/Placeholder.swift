// AnchorStore
