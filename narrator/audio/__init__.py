"""audio: loudness, MP3, tags, chapters and transcripts, all in the file's own time.

`episode` lays the mastered parts end to end under the tag; `parts` masters each part
(in threads here or in the forked audio `process`). Nothing is imported here, so the
audio process can load the mastering code without the tag and transcript writers.
"""
