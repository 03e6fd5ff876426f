"""A tiny pass/fail recorder for the real-client runs."""


class Checks:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, name: str, condition: bool, detail: object = "") -> bool:
        if condition:
            self.passed += 1
            print(f"  ok    {name}")
        else:
            self.fail(name, detail)
        return condition

    def fail(self, name: str, detail: object = "") -> None:
        self.failed += 1
        print(f"  FAIL  {name}: {detail}")

    def attempt(self, name: str, action):
        """Runs action(); a raised exception fails the check. Returns its result or None."""
        try:
            return action()
        except Exception as error:  # noqa: BLE001 - every client error is a finding here
            self.fail(name, f"{type(error).__name__}: {error}")
            return None
