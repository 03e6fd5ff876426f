// AnchorTUI
