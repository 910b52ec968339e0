# blanks between << and the word belong to the marker (BuildKit's lexer keeps them in the word)
FROM alpine
RUN <<  EOF
echo two blanks
EOF
RUN <<	EOF sh
echo a tab, then an interpreter
EOF
RUN <<  EOF  > /out
echo redirected
EOF
RUN << -EOF
echo the word is -EOF, not a chomped EOF
-EOF
RUN 3<< "QUOTED" cat /dev/fd/3
not $EXPANDED
QUOTED
# COPY splits on whitespace: the body is read, and "<<" and "EOF" are copied as paths
COPY << EOF /copied
body
EOF
