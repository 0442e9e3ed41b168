#!/bin/sh
# Makes the TLS pair nginx serves, for the names and addresses phones will use:
#   deploy/make-certs.sh drill.example.org 192.168.1.20 [more DNS names or IP addresses]
# A local CA is made once in deploy/local-ca/ (its key readable by you only, never mounted into a
# container) and reused by later runs, so phones that trusted it keep trusting the server; the server
# certificate (deploy/certs/tls.crt, tls.key) is made anew each run, valid 397 days. Phones install
# deploy/certs/ca.crt, which nginx serves at /ca/scenarioengine-ca.crt. Needs openssl.
# SE_CERTS_DIR and SE_CA_DIR put the files elsewhere.
set -eu
if [ $# -lt 1 ]; then
  echo "usage: $0 NAME_OR_IP [NAME_OR_IP...]   e.g. $0 drill.example.org 192.168.1.20" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
certs=${SE_CERTS_DIR:-$here/certs}
ca=${SE_CA_DIR:-$here/local-ca}
umask 077
mkdir -p "$certs" "$ca"

if [ ! -f "$ca/ca.key" ]; then
  if [ -f "$ca/ca.crt" ]; then
    echo "$ca/ca.crt is there without ca.key: restore the key, or delete both to make a new CA (phones must then trust the new one)" >&2
    exit 1
  fi
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
    -subj "/O=ScenarioEngine/CN=ScenarioEngine deploy CA ($(hostname), $(date -u +%Y-%m-%d))" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" \
    -keyout "$ca/ca.key" -out "$ca/ca.crt" 2>/dev/null
  echo "made a new CA: $ca/ca.crt"
fi

san=""
for name in "$@"; do
  case "$name" in
    *:*) entry="IP:$name" ;;              # IPv6
    *[!0-9.]*) entry="DNS:$name" ;;        # anything but digits and dots is a name
    *) entry="IP:$name" ;;                 # IPv4
  esac
  san="${san:+$san,}$entry"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/server.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
subjectAltName=$san
EXT
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/O=ScenarioEngine/CN=$1" \
  -keyout "$work/tls.key" -out "$work/tls.csr" 2>/dev/null
# Browsers refuse server certificates valid for more than 398 days.
openssl x509 -req -in "$work/tls.csr" -CA "$ca/ca.crt" -CAkey "$ca/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
  -days 397 -sha256 -extfile "$work/server.ext" -out "$work/tls.crt" 2>/dev/null

mv "$work/tls.key" "$certs/tls.key"
cp "$work/tls.crt" "$certs/tls.crt"
cp "$ca/ca.crt" "$certs/ca.crt"
chmod 600 "$certs/tls.key"
chmod 644 "$certs/tls.crt" "$certs/ca.crt"
echo "wrote $certs/tls.crt and tls.key for $san"
echo "CA SHA-256 fingerprint (phones check it): $(openssl x509 -in "$ca/ca.crt" -noout -fingerprint -sha256 | cut -d= -f2)"
