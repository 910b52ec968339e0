from alpine:3.20 as Builder
Run echo mixed
cOpY --from=builder /a /b
FROM alpine AS final
from Builder
