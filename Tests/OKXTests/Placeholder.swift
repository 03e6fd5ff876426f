// OKXTests
