#! argv: check
#! apps: blog
from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=50)


class Base(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE)


class Child(Base):
    @property
    def author_id(self):
        return 1


class AbstractBase(models.Model):
    writer = models.ForeignKey(Author, on_delete=models.CASCADE, related_name='+')

    @property
    def writer_id(self):
        return 2

    class Meta:
        abstract = True


class Concrete(AbstractBase):
    pass


class Concrete2(AbstractBase):
    @property
    def writer_id(self):
        return 3
