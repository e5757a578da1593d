"""argparse choices that are looked up on first use, so that building the parser (for
``--help`` or ``areas``) imports neither the scoring methods (numpy) nor the analysis package."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence


class LazyChoices(Sequence[str]):
    """argparse ``choices`` computed on first use (membership test, help or error text)."""

    def __init__(self, load: Callable[[], Iterable[str]]) -> None:
        self._load = load

    def _get(self) -> tuple[str, ...]:
        # asked each time (cheap once the module is loaded): a method registered later counts
        return tuple(self._load())

    def __contains__(self, value: object) -> bool:
        return value in self._get()

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, index):  # noqa: ANN001, ANN204 - Sequence's int | slice overloads
        return self._get()[index]


def _method_keys() -> tuple[str, ...]:
    from core.scoring import methods

    return methods.keys()


def _objectives() -> tuple[str, ...]:
    from core.analysis import portfolio

    return tuple(portfolio.OBJECTIVES)


def _solvers() -> tuple[str, ...]:
    from core.analysis import portfolio

    return tuple(portfolio.SOLVERS)


METHOD_CHOICES = LazyChoices(_method_keys)
SOLVER_CHOICES = LazyChoices(_solvers)
OBJECTIVE_CHOICES = LazyChoices(_objectives)

# argparse lists the choices when it formats an option without a metavar, already in
# add_argument: a metavar keeps the list lazy, the help text names the choices when shown.
METHOD_OPTION = {
    "choices": METHOD_CHOICES,
    "default": "wsm",
    "metavar": "METHOD",
    "help": "%(choices)s (default: %(default)s)",
}
