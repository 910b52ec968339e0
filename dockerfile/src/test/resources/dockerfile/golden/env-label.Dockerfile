FROM alpine
ENV abc=hello
ENV abc=bye def=$abc
ENV ghi=$abc
ENV quoted="a b" single='c $d' escaped=e\ f empty=
ENV legacy_form  the value  keeps   spaces
ENV
ENV name
ENV =value
ENV a=1 b
LABEL "com.example.vendor"="ACME Incorporated" version="1.0" description="multi\
 line"
LABEL
