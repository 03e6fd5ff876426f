print("okx-anchor")
