// OKX
