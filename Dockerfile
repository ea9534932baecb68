# sop in a container for CI: Node 20, Debian's Chromium (never a downloaded
# browser) and fonts with the metrics of Arial/Times (fonts-liberation), so
# PDFs are laid out the same as on a workstation.
#   docker build -t sop .
#   docker run --rm -v "$PWD:/work" -w /work sop build sops/ --out out
FROM node:20-bookworm-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation git ca-certificates \
 && rm -rf /var/lib/apt/lists/*

ENV PUPPETEER_SKIP_DOWNLOAD=1 \
    SOP_CHROMIUM=/usr/bin/chromium \
    NODE_ENV=production

WORKDIR /opt/sop
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY tsconfig.json ./
COPY src ./src
COPY templates ./templates
# The bundled Liberation Sans (and its licence): the native PDF, SVG and PNG, and the HTML's @font-face.
COPY fonts ./fonts
COPY grammar ./grammar
# The playground's page and its examples (dist/playground/, `sop playground`).
COPY playground ./playground
COPY sops ./sops
# Dev dependencies are needed to build dist/, then dropped.
RUN npm ci --include=dev --ignore-scripts \
 && npm run build \
 && npm prune --omit=dev \
 && ln -s /opt/sop/dist/cli/sop.cjs /usr/local/bin/sop

# Chromium refuses to run as root without --no-sandbox; run as the node user instead.
USER node
WORKDIR /work
ENTRYPOINT ["sop"]
CMD ["--help"]
