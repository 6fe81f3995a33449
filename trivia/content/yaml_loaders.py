"""The two YAML loaders behind `parse_yaml`: a fast one where PyYAML has libyaml, and the
pure-Python reference whose reading, and wording of every problem, is the one that counts.

Both refuse aliases (`*name`: they allow recursive documents and exponential "billion laughs"
expansion, and content files do not need them) and nesting deeper than `MAX_DEPTH`.

Reading is fast where PyYAML has libyaml: its C scanner and parser feed PyYAML's own composer,
several times faster than pure Python (which was most of the bot's start-up). The two read a
few odd inputs differently, so the fast path takes only text where they agree, and leaves the
rest, and anything it finds wrong, to the pure-Python loader: what a file means and every
problem reported about it, in wording and position, are those of pure-Python PyYAML.
"""

from __future__ import annotations

import re
from contextlib import suppress
from typing import Any, cast

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import SafeConstructor
from yaml.error import Mark
from yaml.events import ScalarEvent
from yaml.resolver import Resolver

MAX_DEPTH = 32


class Loader(yaml.SafeLoader):
    """SafeLoader's composer, refusing aliases and documents nested deeper than MAX_DEPTH.

    The reference reader: whatever is wrong with a file is reported in its words.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise ComposerError(
                None,
                None,
                "aliases (*name) are not supported; write the value out",
                cast(Mark | None, event.start_mark),  # the pure-Python parser's marks
            )
        if self._depth >= MAX_DEPTH:
            raise ComposerError(
                None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_UNSURE_TEXT = re.compile(
    r"[\t\ufeff\x85\u2028\u2029]"  # tabs, byte order marks, the rarer line breaks
    r"|\r(?!\n)"  # a carriage return not ending a line
    r"|[|>][-+0-9]*#"  # a block scalar header running into a comment
    r"|^%",  # directives
    re.MULTILINE,
)
"""Text that libyaml and PyYAML are known to read differently (found by comparing the two on
generated and mutated files): the fast path leaves it to `Loader`, as it does text not ending
with a line break, where the two place the end of the stream differently."""


class _Unsure(Exception):
    """The fast loader met something that PyYAML might read differently or refuse."""


FastLoader: type[Any] | None
try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    FastLoader = None
else:

    class _LibyamlLoader(Composer, CParser, SafeConstructor, Resolver):
        """libyaml's scanner and parser under PyYAML's composer, which is listed before CParser
        so that it composes rather than libyaml's, whose recursion in C has no depth limit.

        Raises _Unsure on what `Loader` would refuse or might read differently: anchors and
        aliases, explicit tags, nesting beyond MAX_DEPTH, empty values (libyaml may place them
        on the next line, PyYAML right after their key) and a "?" inside a plain scalar in a
        flow collection (where PyYAML ends the scalar and libyaml does not).
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self._depth = 0
            self._flow = 0  # flow collections ([...], {...}) open around the current node

        def compose_node(self, parent: Any, index: Any) -> Any:
            event: Any = self.peek_event()  # a node event: scalar, collection start or alias
            if event.anchor is not None or self._depth >= MAX_DEPTH:  # aliases have anchors
                raise _Unsure
            if type(event) is ScalarEvent:  # a leaf: no depth or flow to track
                plain = not event.style
                if event.tag is not None or (
                    plain and (not event.value or (self._flow and "?" in event.value))
                ):
                    raise _Unsure
                return super().compose_node(parent, index)
            if event.tag is not None:
                raise _Unsure
            flow = bool(event.flow_style)
            self._depth += 1
            self._flow += flow
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
                self._flow -= flow

    FastLoader = _LibyamlLoader


def compose(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's node (None when empty) and the loader that composed it, for constructing
    its scalars. Raises what the pure-Python loader raises for text that is not YAML."""
    if FastLoader is not None and text.endswith("\n") and not _UNSURE_TEXT.search(text):
        # Any failure, _Unsure or whatever libyaml raises, is left to the reference loader.
        with suppress(Exception):
            loader = FastLoader(text)
            return loader.get_single_node(), loader
    loader = Loader(text)  # checks that every character is printable
    return loader.get_single_node(), loader
