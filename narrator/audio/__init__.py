"""audio: parts, loudness, MP3, tags, chapters and transcripts, all in the file's own time.

`layout` cuts the rendered sentences into parts, `parts` masters each part in a pool of
threads, `episode` lays the mastered parts end to end under the tag. Nothing is imported
here, so a run that finds every part cached never loads numpy.
"""
