"""Writes factor tables as Spark MLlib's ALSModel.save(path) leaves them (Spark 3), with pyarrow:
<path>/userFactors/ and <path>/itemFactors/ hold snappy Parquet part files of `id` int (required) and
`features` array<float> (a 3-level LIST of required float, as Spark writes it) with Spark's row
metadata, each with a _SUCCESS marker, and <path>/metadata/part-00000 holds the model's JSON line
(compact, as Spark writes it) with its rank. Used by the test fixture (test/fixtures/spark-als/make.py)
and by als_numpy.py, the stand-in for a Spark cluster on machines that have none."""
import json
import os

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

PART = "part-{:05d}-5f1c2e7a-0b9d-4c1e-9a57-3d2b8f0e6c41-c000.snappy.parquet"

SCHEMA = pa.schema(
    [
        pa.field("id", pa.int32(), nullable=False),
        pa.field("features", pa.list_(pa.field("element", pa.float32(), nullable=False))),
    ],
    metadata={
        "org.apache.spark.version": "3.5.1",
        "org.apache.spark.sql.parquet.row.metadata": json.dumps(
            {
                "type": "struct",
                "fields": [
                    {"name": "id", "type": "integer", "nullable": False, "metadata": {}},
                    {
                        "name": "features",
                        "type": {"type": "array", "elementType": "float", "containsNull": False},
                        "nullable": True,
                        "metadata": {},
                    },
                ],
            },
            separators=(",", ":"),  # Spark writes its JSON compact
        ),
    },
)


def write_table(directory, ids, features, parts):
    """One factor table: ids (ints) and features (n x rank float32) split into `parts` part files."""
    os.makedirs(directory, exist_ok=True)
    features = np.asarray(features, dtype=np.float32)
    for p, chunk in enumerate(np.array_split(np.arange(len(ids)), parts)):
        t = pa.table(
            {
                "id": pa.array([int(ids[i]) for i in chunk], pa.int32()),
                "features": [features[i].tolist() for i in chunk],
            },
            schema=SCHEMA,
        )
        pq.write_table(t, os.path.join(directory, PART.format(p)), compression="snappy")
    open(os.path.join(directory, "_SUCCESS"), "w").close()


def write_model(path, user_ids, user_features, item_ids, item_features, rank, parts=(2, 1), params=None):
    """A whole ALSModel directory: both factor tables and the metadata line recording `rank`."""
    write_table(os.path.join(path, "userFactors"), user_ids, user_features, parts[0])
    write_table(os.path.join(path, "itemFactors"), item_ids, item_features, parts[1])
    os.makedirs(os.path.join(path, "metadata"), exist_ok=True)
    with open(os.path.join(path, "metadata", "part-00000"), "w") as f:
        f.write(
            json.dumps(
                {
                    "class": "org.apache.spark.ml.recommendation.ALSModel",
                    "timestamp": 1765000000000,
                    "sparkVersion": "3.5.1",
                    "uid": "ALS_6f0d7c1b2a3e",
                    "paramMap": params
                    or {"userCol": "userId", "itemCol": "movieId", "predictionCol": "prediction"},
                    "defaultParamMap": {"coldStartStrategy": "nan", "blockSize": 4096},
                    "rank": rank,
                },
                separators=(",", ":"),
            )
            + "\n"
        )
    open(os.path.join(path, "metadata", "_SUCCESS"), "w").close()
