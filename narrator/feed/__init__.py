"""feed: the show's episode index and its feed.xml, regenerated from the index.

`episodes` adds and removes episodes and rebuilds feed.xml (with `builder`, on feedgen);
`index` and `config` are read before a run makes any audio. Nothing is imported here, so
reading those does not load feedgen.
"""
