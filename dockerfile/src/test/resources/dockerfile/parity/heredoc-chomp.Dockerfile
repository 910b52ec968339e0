FROM alpine
# <<- strips leading tabs from every body line and from the terminator
RUN <<-EOF
	echo one tab
		echo two tabs
  echo spaces stay
		EOF
COPY <<-EOT /etc/motd
	hello
		EOT
RUN <<-EOF <<-EOG cat
	first
	EOF
		second
	EOG
# only blanks right after << join the marker: "<<-" then "EOF" is no heredoc
RUN <<- EOF cat
EOF
