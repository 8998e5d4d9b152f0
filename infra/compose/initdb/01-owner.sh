#!/bin/sh
# First start only: the owner role (not a superuser) and its database. `gvi migrate` creates the
# runtime and national roles (CREATEROLE) and everything else.
set -eu
psql -v ON_ERROR_STOP=1 --username postgres --dbname postgres \
  -v owner_password="$GVI_OWNER_DB_PASSWORD" <<'SQL'
CREATE ROLE gvi_owner LOGIN CREATEROLE NOSUPERUSER PASSWORD :'owner_password';
CREATE DATABASE gvi OWNER gvi_owner;
REVOKE ALL ON DATABASE gvi FROM PUBLIC;
SQL
