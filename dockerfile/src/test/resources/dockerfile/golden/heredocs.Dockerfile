FROM alpine
RUN <<EOF
echo hello
echo $HOME
EOF
RUN <<-EOT bash
	set -e
		echo tabs stripped
	EOT
RUN <<'QUOTED' <<"DOUBLE" cat /dev/stdin
first $NOT_EXPANDED
QUOTED
second
DOUBLE
RUN python3 3<<PY <&3
print('fd three')
PY
ARG NAME=world
COPY <<EOF /hello.txt
hello ${NAME}
EOF
COPY --chmod=0755 <<"RAW" <<CFG /etc/app/
#!/bin/sh
echo ${NAME}
RAW
name=${NAME:-nobody}
CFG
ADD <<EOF /added
EOF
ONBUILD RUN <<EOF
echo on build
EOF
RUN ["echo", "<<EOF"]
RUN echo "<<NOT" '<<HEREDOCS'
CMD <<EOF
