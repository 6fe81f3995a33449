"""Reading config.yaml's YAML: the data, the line of each top-level key, and problems
placed where they begin.

PyYAML places a syntax error where it gave up, which for an unclosed `[`, `{` or quote is
the end of the file or the next line, not where the mistake is; and it keeps the last of two
equal keys without a word. Here an unclosed construct is reported at the line it opens on,
and a repeated key is an error naming both lines.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode

# PyYAML's context for constructs that begin on one line and must be finished later -> what
# to say at that line; {problem} and {end} are PyYAML's complaint and the line it gave up on.
_OPENED = {
    "flow sequence": "the [ list that begins here is not closed ({problem} at line {end})",
    "flow mapping": "the {{ mapping that begins here is not closed ({problem} at line {end})",
    "quoted scalar": "the quoted text that begins here is not closed ({problem} at line {end})",
    "simple key": "the text here is neither a `key: value` line nor a value ({problem})",
}


class YamlProblem(Exception):
    """The text cannot be read as config YAML; `line` is 1-based, None for the whole file."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice in one mapping."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        first_lines: dict[tuple[str, str], int] = {}
        for key_node, _value in node.value:
            if not isinstance(key_node, ScalarNode):
                continue
            key = (key_node.tag, key_node.value)
            line = key_node.start_mark.line + 1
            if key in first_lines:
                raise _DuplicateKey(
                    problem=(
                        f"duplicate key {key_node.value!r} (first at line {first_lines[key]},"
                        f" again at line {line}); keep one"
                    ),
                    problem_mark=key_node.start_mark,
                )
            first_lines[key] = line
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str) -> tuple[Any, dict[str, int]]:
    """The document's data and the 1-based line of each top-level key; YamlProblem if the
    text is not YAML or repeats a key."""
    try:
        loader = _StrictLoader(text)
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        raise YamlProblem(line, f"character {chr(error.character)!r} is not allowed") from None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise _located(error) from None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if isinstance(node, MappingNode):
        for key, _value in node.value:
            if isinstance(key, ScalarNode):
                lines.setdefault(str(key.value), key.start_mark.line + 1)
    return data, lines


def _located(error: yaml.MarkedYAMLError) -> YamlProblem:
    """The problem at the line where it begins: an unclosed construct's opening line."""
    problem = error.problem or "not valid YAML"
    end = error.problem_mark.line + 1 if error.problem_mark is not None else None
    context = error.context or ""
    template = next((words for name, words in _OPENED.items() if name in context), None)
    if template is None or error.context_mark is None:
        return YamlProblem(end, problem)
    start = error.context_mark.line + 1
    if start == end:
        return YamlProblem(start, problem)
    return YamlProblem(start, template.format(problem=problem, end=end))
