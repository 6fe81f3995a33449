# trivia-bot in a container. The database comes from DATABASE_URL (PostgreSQL) or, without
# it, a SQLite file in the /data volume; shards from TRIVIA_SHARD_COUNT / TRIVIA_SHARD_IDS.
FROM python:3.11-slim

RUN useradd --create-home --uid 10001 trivia
WORKDIR /app
COPY pyproject.toml README.md ./
COPY trivia ./trivia
COPY bot ./bot
RUN pip install --no-cache-dir . && mkdir /data && chown trivia /data

USER trivia
WORKDIR /data
ENTRYPOINT ["trivia-bot"]
CMD ["run"]
