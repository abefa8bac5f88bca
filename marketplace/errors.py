"""The one error type services raise for bad input; views and the API show ``message``."""


class MarketplaceError(Exception):
    """A refusal the shopper, vendor or office can act on (never a crash).

    ``code`` is stable for API clients; ``message`` is translated for people.
    """

    def __init__(self, message, *, code: str = "invalid", status: int = 400):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.status = status


class PaymentError(MarketplaceError):
    def __init__(self, message, *, code: str = "payment_failed"):
        super().__init__(message, code=code, status=502)
