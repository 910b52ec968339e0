package io.cairn.engine.http;

import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 over the unix socket, reading an empty {@code Host} header as {@code localhost}, as Go's
 * server takes it without complaint. The docker CLI up to 20.10 sends {@code Host: } on
 * the requests it hijacks (attach, exec start): RFC 9112 allows an empty value when the target has
 * no authority, a unix socket's case, but Jetty answers it "400 Blank Host" with no setting to change
 * that, so Debian's docker CLI could neither {@code run} in the foreground nor {@code exec}. Any
 * other Host is Jetty's to check, unchanged.
 */
final class BlankHostTolerantFactory extends HttpConnectionFactory {

    /** What a blank Host stands for: the socket has no authority, and the routes read none. */
    private static final HttpField LOCAL = new HostPortHttpField("localhost");

    BlankHostTolerantFactory(HttpConfiguration config) {
        super(config);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection connection = new HttpConnection(getHttpConfiguration(), connector, endPoint) {
            @Override
            protected RequestHandler newRequestHandler() {
                return new RequestHandler() {
                    @Override
                    public void parsedHeader(HttpField field) {
                        boolean blankHost = field.getHeader() == HttpHeader.HOST && field.getValue().isBlank();
                        super.parsedHeader(blankHost ? LOCAL : field);
                    }
                };
            }
        };
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }
}
