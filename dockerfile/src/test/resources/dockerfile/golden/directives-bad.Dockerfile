# escape=x
# syntax=one
# syntax=two
FROM alpine
