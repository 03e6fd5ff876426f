// PaperExchangeTests
