  #escape = `

FROM image
ENV foo `
ENV bar baz