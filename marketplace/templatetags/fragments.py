"""`{% shared_fragment seconds "name" key %}…{% endshared_fragment %}`: the enclosed
HTML, the same for every visitor, from Django's cache (see marketplace.fragments).
`key` empty or `seconds` 0: rendered every time."""

from django import template

from marketplace.fragments import render_shared

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, seconds, name, key):
        self.nodelist, self.seconds, self.name, self.key = nodelist, seconds, name, key

    def render(self, context):
        return render_shared(
            name=self.name.resolve(context),
            key=str(self.key.resolve(context) or ""),
            seconds=int(self.seconds.resolve(context) or 0),
            request=context.get("request"),
            render=lambda: self.nodelist.render(context),
        )


@register.tag
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 4:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes three arguments: seconds, name and key"
        )
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, *(parser.compile_filter(b) for b in bits[1:]))
