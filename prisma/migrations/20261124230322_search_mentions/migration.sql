-- Written by hand: Prisma does not model functions (and would fight a generated column), so the
-- search vector is a plain column that the message insert fills (server/messages/store-messages.ts).
-- No semicolons inside function bodies or comments: the WASM migration tool splits scripts at each one.
-- Bigrams of each run of Hangul, kana or CJK ideographs ("내일 회의는" → "내일 회의 의는"): Korean is
-- not split into words by Postgres' parsers, so words are found inside longer words through them.
-- Ranges: kana U+3040–30FF, CJK U+3400–4DBF and U+4E00–9FFF, Hangul syllables U+AC00–D7AF.
CREATE FUNCTION chat_cjk_bigrams(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(substr(run, i, 2), ' ' ORDER BY n, i), '')
  FROM (
    SELECT m[1] AS run, row_number() OVER () AS n
    FROM regexp_matches(t, '[぀-ヿ㐀-䶿一-鿿가-힯]+', 'g') AS m
  ) runs,
  LATERAL generate_series(1, greatest(length(run) - 1, 1)) AS i
$$;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "search" tsvector;

CREATE FUNCTION chat_search_vector(body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT to_tsvector('english', body) || to_tsvector('simple', chat_cjk_bigrams(body))
$$;


-- CreateTable
CREATE TABLE "Mention" (
    "channelId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Mention_pkey" PRIMARY KEY ("channelId","seq","userId")
);

-- CreateIndex
CREATE INDEX "Mention_userId_createdAt_idx" ON "Mention"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Message_search_idx" ON "Message" USING GIN ("search");

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_channelId_seq_fkey" FOREIGN KEY ("channelId", "seq") REFERENCES "Message"("channelId", "seq") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
