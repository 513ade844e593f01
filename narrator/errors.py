"""Errors a user can act on. Each carries one sentence; only the CLI prints them."""


class NarratorError(Exception):
    """Base class: the message is a complete sentence meant for the user."""


class InputError(NarratorError):
    """The source is missing, unreadable, empty, binary or holds no article."""


class VoiceError(NarratorError):
    """The voice profile is unknown or broken, or its engine cannot make audio."""


class FeedError(NarratorError):
    """The feed definition or the published feed cannot be read or written."""


class SettingError(NarratorError):
    """An environment variable narrator reads holds a value it cannot use."""
