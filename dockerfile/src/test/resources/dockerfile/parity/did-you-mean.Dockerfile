FROM alpine
COPY --chmdo=0755 a /b
COPY --form=build a /b
COPY --zzz=1 a /b
ADD --chekcsum=sha256:00 https://example.com/x /x
RUN --netwrk=none true
RUN --mount=type=cahce,target=/x true
RUN --mount=type=volume,target=/x true
RUN --mount=taget=/x true
RUN --mount=type=cache,target=/x,sharing=lockd true
RUN --mount=type=cache,target=/x,shareing=locked true
rn echo lower-case typo
Rn echo mixed-case typo
RUNN echo upper-case typo
