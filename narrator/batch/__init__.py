"""Many articles in one run: each source narrated by `narrate_one` on any
`concurrent.futures` executor (a local process pool, or Dask workers on many machines);
only the driver publishes what they staged."""

from narrator.batch.job import Done, Failed, Job, narrate_one

__all__ = ["Done", "Failed", "Job", "narrate_one"]
