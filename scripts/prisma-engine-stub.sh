#!/bin/sh
# Stand-in for Prisma's native schema engine: `prisma generate` only checks that one exists.
echo "schema-engine-stub 0.0.0"
